// The offer-page test drives Debian's Chromium (never a downloaded browser). On a fresh Debian machine where
// we are root, install it; otherwise say what is missing, and let the page test fail with that message.
const { execSync } = require('node:child_process');
const { existsSync } = require('node:fs');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);

const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canInstall) {
  console.warn(`Chromium is not at ${CHROMIUM}: install Debian's chromium package (or set CHROMIUM_PATH) for the offer-page test.`);
  process.exit(0);
}
console.log("Installing Debian's chromium for the offer-page test...");
execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit', shell: '/bin/bash' });
