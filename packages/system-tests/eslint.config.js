import config from '@anbu/eslint-config/node';

export default config;
