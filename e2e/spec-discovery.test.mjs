// A guard, not a test of the app. Given a directory (`node --test e2e/`), Node picks test files
// by its own name patterns (*.test.mjs, test-*.mjs, test/**), which the *.spec.mjs files do not
// match: the tier would "pass" having run nothing. When this file runs, that is what happened.
// The specs run when named: `node --test --test-reporter=tap --test-concurrency=1 e2e/*.spec.mjs`
// (which leaves this file out).

import { test } from 'node:test';
import assert from 'node:assert/strict';

test('the e2e specs were run', () => {
  assert.fail(
    'node --test was given the e2e/ directory, so Node ran none of e2e/*.spec.mjs. ' +
      'Run them by name: node --test --test-reporter=tap --test-concurrency=1 e2e/*.spec.mjs',
  );
});
