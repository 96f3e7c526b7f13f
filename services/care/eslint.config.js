import node from '@anbu/eslint-config/node';
import { pure } from '@anbu/eslint-config/pure';

export default [...node, pure(['src/domain/**/*.ts'])];
