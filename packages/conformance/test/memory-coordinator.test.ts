import { createMemoryCoordinator } from '@unirec/core';
import { runCoordinatorConformance } from '../src/coordinator-suite.js';

runCoordinatorConformance({ name: 'memory', create: () => createMemoryCoordinator() });
