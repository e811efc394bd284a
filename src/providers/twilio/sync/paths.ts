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
  streams: '/v1/Services/:ServiceSid/Streams',
  stream: '/v1/Services/:ServiceSid/Streams/:Sid',
  streamMessages: '/v1/Services/:ServiceSid/Streams/:StreamSid/Messages',
  documentPermissions: '/v1/Services/:ServiceSid/Documents/:DocumentSid/Permissions',
  documentPermission: '/v1/Services/:ServiceSid/Documents/:DocumentSid/Permissions/:Identity',
  listPermissions: '/v1/Services/:ServiceSid/Lists/:ListSid/Permissions',
  listPermission: '/v1/Services/:ServiceSid/Lists/:ListSid/Permissions/:Identity',
  mapPermissions: '/v1/Services/:ServiceSid/Maps/:MapSid/Permissions',
  mapPermission: '/v1/Services/:ServiceSid/Maps/:MapSid/Permissions/:Identity',
} as const;

export const SYNC_HOST = 'sync.twilio.com';
