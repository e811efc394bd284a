/** Sync v1 route paths, defined once. */
export const SYNC_PATHS = {
  services: '/v1/Services',
  service: '/v1/Services/:Sid',
  documents: '/v1/Services/:ServiceSid/Documents',
  document: '/v1/Services/:ServiceSid/Documents/:Sid',
  lists: '/v1/Services/:ServiceSid/Lists',
  list: '/v1/Services/:ServiceSid/Lists/:Sid',
  listItems: '/v1/Services/:ServiceSid/Lists/:ListSid/Items',
  listItem: '/v1/Services/:ServiceSid/Lists/:ListSid/Items/:Index',
  maps: '/v1/Services/:ServiceSid/Maps',
  map: '/v1/Services/:ServiceSid/Maps/:Sid',
  mapItems: '/v1/Services/:ServiceSid/Maps/:MapSid/Items',
  mapItem: '/v1/Services/:ServiceSid/Maps/:MapSid/Items/:Key',
} as const;

export const SYNC_HOST = 'sync.twilio.com';
