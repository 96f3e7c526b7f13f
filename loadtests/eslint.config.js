import config from '@anbu/eslint-config/base';

export default config;
