/** The service's version, sent in `User-Agent`; a test keeps it equal to package.json's. */
export const SERVICE_VERSION = '0.1.0';

/** The `User-Agent` of every delivery. */
export const USER_AGENT = `TrucklineMP-Webhooks/${SERVICE_VERSION}`;
