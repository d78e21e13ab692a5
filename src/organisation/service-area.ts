/** The service areas (verksamheter) of a municipality; shared by all tenants like the qualification catalogue. */
export const SERVICE_AREAS = ['utbildning', 'vard_omsorg', 'socialtjanst', 'kost'] as const;
export type ServiceArea = (typeof SERVICE_AREAS)[number];

export const SERVICE_AREA_NAMES: Record<ServiceArea, string> = {
  utbildning: 'Utbildning',
  vard_omsorg: 'Vård och omsorg',
  socialtjanst: 'Socialtjänst',
  kost: 'Kost',
};
