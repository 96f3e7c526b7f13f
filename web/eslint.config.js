import react from '@anbu/eslint-config/react';

export default [...react, { ignores: ['e2e/screenshots/**'] }];
