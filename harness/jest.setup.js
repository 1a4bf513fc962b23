'use strict';
// Jest `setupFiles` entry: environment n8n-core reads at require time (instance folder in
// <repo>/.tmp, silent logs unless HARNESS_LOG=1, legacy expression engine).
require('./env');
