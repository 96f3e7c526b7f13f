import { runStandalone } from '../run-standalone.js';
import { toyService } from './toy-service.js';

// The toy service as its own process, for the SIGTERM test of runStandalone.
runStandalone(toyService([]));
