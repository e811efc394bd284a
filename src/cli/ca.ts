import type { Command } from 'commander';
import { caCertPath, caDir, loadOrCreateCa } from '../proxy/ca.js';

/** `hookyard ca path`: where the proxy's CA certificate is (made now if there is none yet). */
export function registerCa(program: Command): void {
  program
    .command('ca')
    .description("the local CA of serve --proxy (in $HOOKYARD_CA_DIR, else ~/.hookyard/ca)")
    .command('path')
    .description('print the CA certificate (PEM) path, creating the CA on first use; trust it with NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE or SSL_CERT_FILE')
    .action(async () => {
      await loadOrCreateCa(caDir());
      process.stdout.write(caCertPath() + '\n');
    });
}
