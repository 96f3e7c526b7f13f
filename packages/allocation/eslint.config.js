import config from '@anbu/eslint-config/pure';

export default config;
