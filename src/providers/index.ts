import type { Provider } from './provider.js';
import { provisioningProvider } from './sinch/provisioning/index.js';
import { eventsProvider } from './twilio/events/index.js';
import { syncProvider } from './twilio/sync/index.js';
import { verifyProvider } from './twilio/verify/index.js';

/** Every emulated API, in mount order. */
export const PROVIDERS: readonly Provider[] = [verifyProvider, eventsProvider, syncProvider, provisioningProvider];
