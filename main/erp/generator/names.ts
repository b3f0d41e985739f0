// Word lists for believable names. Plain data; order matters for determinism.

export const REGIONS = [
  { id: 'east', cities: ['Newark', 'Philadelphia', 'Boston', 'Baltimore', 'Hartford'] },
  { id: 'central', cities: ['Columbus', 'Indianapolis', 'Chicago', 'St. Louis', 'Louisville'] },
  { id: 'west', cities: ['Ontario', 'Reno', 'Sacramento', 'Portland', 'Phoenix'] },
  { id: 'south', cities: ['Atlanta', 'Dallas', 'Memphis', 'Houston', 'Charlotte'] },
] as const;

export const CATEGORIES = [
  { name: 'Hydraulic filter', attrs: ['10 micron', '25 micron', 'high flow', 'spin-on', 'cartridge'] },
  { name: 'Ball bearing', attrs: ['6204-2RS', '6205-ZZ', '6306 sealed', 'flanged', 'stainless'] },
  { name: 'V-belt', attrs: ['A42', 'B55', 'C90', 'cogged AX38', 'banded 3V'] },
  { name: 'Safety glove', attrs: ['nitrile L', 'cut-resistant M', 'cryogenic XL', 'leather L', 'disposable M'] },
  { name: 'Hose fitting', attrs: ['1/2" NPT', '3/4" JIC', 'quick-connect', 'elbow 90', 'swivel'] },
  { name: 'Circuit breaker', attrs: ['20A 1P', '30A 2P', '50A 3P', 'GFCI 20A', 'AFCI 15A'] },
  { name: 'LED panel', attrs: ['2x4 40W', '2x2 30W', 'high bay 150W', 'troffer', 'strip 4ft'] },
  { name: 'Pump seal', attrs: ['1-1/4" carbon', '1-5/8" ceramic', 'cartridge', 'split', 'mechanical'] },
  { name: 'Lubricant', attrs: ['ISO 46 5gal', 'EP2 grease tube', 'food-grade 1L', 'synthetic 20L', 'chain spray'] },
  { name: 'Fastener kit', attrs: ['M8 zinc', 'M10 stainless', '3/8" grade 8', 'anchor 1/2"', 'assortment'] },
  { name: 'Motor', attrs: ['1HP TEFC', '5HP ODP', '0.5HP PSC', '10HP premium', 'gearmotor'] },
  { name: 'Valve', attrs: ['ball 1"', 'check 2"', 'gate 3"', 'solenoid 24V', 'butterfly 4"'] },
] as const;

export const UNITS = ['EA', 'EA', 'EA', 'EA', 'CS', 'BX', 'PR', 'M'] as const;
export const PACK_SIZES = [1, 1, 1, 2, 4, 6, 10, 12, 24, 50] as const;

export const COMPANY_FIRST = [
  'Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Adatum', 'Litware', 'Proseware', 'Wingtip', 'Alpine', 'Blue Yonder',
  'Coho', 'Lakeshore', 'Margie', 'Trey', 'Woodgrove', 'Fourth Coffee', 'Wide World', 'Humongous', 'Lucerne', 'Graphic',
] as const;
export const COMPANY_SECOND = {
  retail: ['Hardware', 'Home Centers', 'Supply Stores', 'Outlets'],
  'field-service': ['Field Services', 'Maintenance', 'Facility Services', 'Mechanical'],
  ecommerce: ['Online', 'Direct', 'Marketplace', 'Parts.com'],
  wholesale: ['Distributors', 'Wholesale', 'Industrial Supply', 'Trading'],
} as const;
