/**
 * Reference data for the generator: places, merchants (with real merchant category codes, see
 * indicators.md §2), employers, names and banks. Plain frozen data, no logic.
 *
 * Merchant names are common UK/RO brands or plausible independents. They describe ordinary
 * commerce; nothing here encodes a scenario or a label.
 */

/** A town where accounts live, shop, stay and use cash machines. */
export interface Place {
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** Short code used in terminal ids. */
  readonly code: string;
  /** Postcode districts (UK) or postcode prefixes (RO). */
  readonly postcodes: readonly string[];
  /** Relative chance of being someone's home town. */
  readonly weight: number;
}

const place = (name: string, country: string, code: string, postcodes: string[], weight: number): Place =>
  Object.freeze({ name, country, code, postcodes: Object.freeze(postcodes), weight });

/** UK towns and cities. */
export const UK_PLACES: readonly Place[] = Object.freeze([
  place('London', 'GB', 'LDN', ['E1', 'E7', 'E13', 'N15', 'N17', 'NW10', 'SE15', 'SW9', 'W3', 'IG1', 'HA0', 'CR0', 'RM7'], 30),
  place('Birmingham', 'GB', 'BHM', ['B6', 'B10', 'B12', 'B19', 'B23'], 8),
  place('Manchester', 'GB', 'MAN', ['M8', 'M12', 'M14', 'M16', 'M40'], 6),
  place('Leeds', 'GB', 'LDS', ['LS6', 'LS8', 'LS9', 'LS11'], 5),
  place('Glasgow', 'GB', 'GLA', ['G3', 'G20', 'G31', 'G42'], 4),
  place('Liverpool', 'GB', 'LPL', ['L4', 'L7', 'L8', 'L15'], 4),
  place('Bristol', 'GB', 'BRS', ['BS2', 'BS5', 'BS7', 'BS16'], 4),
  place('Sheffield', 'GB', 'SHF', ['S2', 'S4', 'S7', 'S9'], 3),
  place('Leicester', 'GB', 'LEI', ['LE2', 'LE3', 'LE4', 'LE5'], 3),
  place('Nottingham', 'GB', 'NOT', ['NG1', 'NG3', 'NG7', 'NG9'], 3),
  place('Coventry', 'GB', 'COV', ['CV1', 'CV2', 'CV5', 'CV6'], 2),
  place('Bradford', 'GB', 'BFD', ['BD3', 'BD5', 'BD7', 'BD8'], 2),
  place('Luton', 'GB', 'LTN', ['LU1', 'LU2', 'LU3', 'LU4'], 2),
  place('Slough', 'GB', 'SLO', ['SL1', 'SL2', 'SL3'], 1.5),
  place('Reading', 'GB', 'RDG', ['RG1', 'RG2', 'RG30'], 1.5),
  place('Newcastle upon Tyne', 'GB', 'NCL', ['NE1', 'NE4', 'NE6'], 2),
  place('Cardiff', 'GB', 'CWL', ['CF10', 'CF11', 'CF24'], 2),
  place('Edinburgh', 'GB', 'EDI', ['EH6', 'EH7', 'EH11'], 2),
  place('Southampton', 'GB', 'SOU', ['SO14', 'SO15', 'SO17'], 1.5),
  place('Peterborough', 'GB', 'PBO', ['PE1', 'PE2', 'PE4'], 1.5),
  place('Northampton', 'GB', 'NTH', ['NN1', 'NN2', 'NN5'], 1.5),
  place('Milton Keynes', 'GB', 'MKY', ['MK6', 'MK9', 'MK13'], 1),
  place('Derby', 'GB', 'DBY', ['DE1', 'DE22', 'DE23'], 1),
  place('Wolverhampton', 'GB', 'WVH', ['WV1', 'WV2', 'WV10'], 1),
  place('Stoke-on-Trent', 'GB', 'SOT', ['ST1', 'ST4', 'ST6'], 1),
  place('Hull', 'GB', 'HUL', ['HU3', 'HU5', 'HU9'], 1),
  place('Brighton', 'GB', 'BTN', ['BN1', 'BN2', 'BN3'], 1),
  place('Oxford', 'GB', 'OXF', ['OX1', 'OX4'], 1),
  place('Cambridge', 'GB', 'CBG', ['CB1', 'CB4'], 1),
  place('Norwich', 'GB', 'NWI', ['NR1', 'NR2', 'NR3'], 1),
  place('Southend-on-Sea', 'GB', 'SEN', ['SS1', 'SS2'], 1),
  place('Blackpool', 'GB', 'BLK', ['FY1', 'FY4'], 0.7),
  place('Preston', 'GB', 'PRE', ['PR1', 'PR2'], 0.7),
  place('Bolton', 'GB', 'BOL', ['BL1', 'BL3'], 0.7),
  place('Ipswich', 'GB', 'IPS', ['IP1', 'IP4'], 0.7),
]);

/** Romanian towns and cities. */
export const RO_PLACES: readonly Place[] = Object.freeze([
  place('Bucharest', 'RO', 'BUH', ['010', '020', '030', '040', '050', '060'], 10),
  place('Iași', 'RO', 'IAS', ['700'], 4),
  place('Constanța', 'RO', 'CND', ['900'], 3),
  place('Craiova', 'RO', 'CRA', ['200'], 3),
  place('Timișoara', 'RO', 'TSR', ['300'], 3),
  place('Brașov', 'RO', 'BRV', ['500'], 3),
  place('Cluj-Napoca', 'RO', 'CLJ', ['400'], 3),
  place('Galați', 'RO', 'GAL', ['800'], 2),
  place('Bacău', 'RO', 'BCM', ['600'], 2),
  place('Botoșani', 'RO', 'BOT', ['710'], 1.5),
  place('Vaslui', 'RO', 'VSL', ['730'], 1),
  place('Suceava', 'RO', 'SCV', ['720'], 1.5),
  place('Ploiești', 'RO', 'PLO', ['100'], 2),
  place('Pitești', 'RO', 'PIT', ['110'], 1.5),
  place('Brăila', 'RO', 'BRA', ['810'], 1.5),
  place('Buzău', 'RO', 'BZU', ['120'], 1),
  place('Focșani', 'RO', 'FOC', ['620'], 1),
  place('Târgu Jiu', 'RO', 'TGJ', ['210'], 1),
  place('Piatra Neamț', 'RO', 'PNT', ['610'], 1),
]);

/** Places people go on holiday, with the airport-served city and country. */
export const HOLIDAY_PLACES: readonly Place[] = Object.freeze([
  place('Málaga', 'ES', 'AGP', [], 3),
  place('Alicante', 'ES', 'ALC', [], 3),
  place('Palma', 'ES', 'PMI', [], 3),
  place('Santa Cruz de Tenerife', 'ES', 'TFS', [], 2),
  place('Barcelona', 'ES', 'BCN', [], 2),
  place('Faro', 'PT', 'FAO', [], 2),
  place('Lisbon', 'PT', 'LIS', [], 1),
  place('Rome', 'IT', 'FCO', [], 1),
  place('Paris', 'FR', 'CDG', [], 1),
  place('Dubrovnik', 'HR', 'DBV', [], 1),
  place('Antalya', 'TR', 'AYT', [], 2),
  place('Heraklion', 'GR', 'HER', [], 2),
  place('Corfu', 'GR', 'CFU', [], 1),
  place('Amsterdam', 'NL', 'AMS', [], 1),
  place('Newquay', 'GB', 'NQY', [], 1),
  place('York', 'GB', 'YRK', [], 1),
  place('Keswick', 'GB', 'KSW', [], 0.5),
]);

/** A kind of purchase: its MCC, merchant names and a log-normal amount model in pounds. */
export interface MerchantKind {
  readonly mcc: string;
  readonly names: readonly string[];
  /** Median amount, log-normal spread, and clamps (in the base currency). */
  readonly median: number;
  readonly sigma: number;
  readonly min: number;
  readonly max: number;
  /** Currency the amount model is written in (`GBP` for UK merchants, `RON` for Romanian ones). */
  readonly unit: 'GBP' | 'RON';
}

const kind = (mcc: string, names: string[], median: number, sigma: number, min: number, max: number, unit: 'GBP' | 'RON' = 'GBP'): MerchantKind =>
  Object.freeze({ mcc, names: Object.freeze(names), median, sigma, min, max, unit });

/** Merchant kinds by purpose. MCCs are from the Visa/Mastercard lists (indicators.md §2). */
export const MERCHANTS = Object.freeze({
  grocery: kind('5411', ['TESCO STORES', "SAINSBURY'S", 'ASDA STORES', 'MORRISONS', 'ALDI', 'LIDL GB', 'CO-OP FOOD', 'ICELAND', 'M&S SIMPLY FOOD', 'WAITROSE'], 28, 0.7, 2.5, 180),
  bigGrocery: kind('5411', ['COSTCO WHOLESALE', 'BOOKER CASH & CARRY', 'ASDA SUPERSTORE', 'TESCO EXTRA'], 210, 0.35, 120, 480),
  convenience: kind('5499', ['SPAR', 'LONDIS', 'COSTCUTTER', 'ONE STOP', 'NISA LOCAL', 'PREMIER STORES', 'EUROPA FOOD MARKET', 'POLSKI SKLEP'], 8, 0.6, 1.2, 45),
  fastFood: kind('5814', ["MCDONALD'S", 'KFC', 'GREGGS', 'SUBWAY', 'BURGER KING', 'PRET A MANGER', 'COSTA COFFEE', 'STARBUCKS', 'CHICKEN COTTAGE', 'DOMINOS PIZZA', 'JUST EAT', 'DELIVEROO', 'UBER EATS'], 8.5, 0.55, 1.9, 40),
  restaurant: kind('5812', ["NANDO'S", 'PIZZA EXPRESS', 'WAGAMAMA', 'ZIZZI', 'FRANKIE & BENNYS', 'TOBY CARVERY', 'THE IVY', 'DISHOOM', 'BELLA ITALIA', 'TASTE OF INDIA'], 38, 0.5, 9, 220),
  pub: kind('5813', ['WETHERSPOON', 'THE RED LION', 'THE CROWN', 'ALL BAR ONE', 'SLUG AND LETTUCE', 'THE WHITE HART'], 18, 0.6, 3, 120),
  fuel: kind('5541', ['SHELL', 'BP', 'ESSO', 'TEXACO', 'TESCO PETROL', 'JET', 'MORRISONS FUEL'], 52, 0.35, 10, 110),
  department: kind('5311', ['JOHN LEWIS', 'MARKS & SPENCER', 'ARGOS', 'TK MAXX', 'HOME BARGAINS', 'B&M RETAIL', 'WILKO'], 32, 0.8, 3, 400),
  online: kind('5999', ['AMAZON.CO.UK', 'AMAZON MKTPLACE', 'EBAY', 'ETSY', 'SHEIN', 'TEMU.COM', 'ARGOS.CO.UK'], 24, 0.8, 2, 350),
  clothing: kind('5651', ['PRIMARK', 'NEXT', 'H&M', 'SPORTS DIRECT', 'JD SPORTS', 'MATALAN', 'NEW LOOK'], 35, 0.6, 5, 250),
  pharmacy: kind('5912', ['BOOTS', 'SUPERDRUG', 'LLOYDS PHARMACY', 'WELL PHARMACY'], 11, 0.6, 2, 80),
  cosmetics: kind('5977', ['SUPERDRUG BEAUTY', 'THE BODY SHOP', 'SEPHORA', 'MAC COSMETICS', 'BOOTS NO7', 'KIKO MILANO'], 24, 0.5, 4, 140),
  lingerie: kind('5631', ['ANN SUMMERS', 'VICTORIAS SECRET', 'BOUX AVENUE', 'HUNKEMOLLER', 'LA SENZA'], 38, 0.5, 8, 180),
  beauty: kind('7230', ['NAIL BAR', 'LUXE NAILS & BEAUTY', 'HAIR STUDIO', 'TONI&GUY', 'HEADMASTERS', 'LASH LOUNGE'], 32, 0.5, 8, 160),
  commuter: kind('4111', ['TFL TRAVEL CH', 'FIRST BUS', 'STAGECOACH', 'ARRIVA', 'METROLINK', 'NEXUS METRO'], 5.5, 0.6, 1.5, 30),
  rail: kind('4112', ['TRAINLINE.COM', 'LNER', 'AVANTI WEST COAST', 'GWR', 'CROSSCOUNTRY', 'NORTHERN TRAINS', 'SCOTRAIL'], 48, 0.7, 6, 320),
  taxi: kind('4121', ['UBER *TRIP', 'BOLT.EU', 'ADDISON LEE', 'FREE NOW', 'DELTA TAXIS', 'A1 CARS', 'STREAMLINE TAXIS', 'VERIFIED CABS'], 14, 0.55, 4.5, 90),
  coach: kind('4131', ['NATIONAL EXPRESS', 'MEGABUS', 'FLIXBUS'], 24, 0.5, 5, 90),
  airline: kind('4511', ['BRITISH AIRWAYS', 'EASYJET', 'JET2.COM', 'RYANAIR', 'TUI AIRWAYS', 'LOGANAIR', 'WIZZ AIR'], 140, 0.6, 25, 900),
  hotel: kind('7011', ['PREMIER INN', 'TRAVELODGE', 'HOLIDAY INN EXPRESS', 'IBIS', 'HILTON', 'MARRIOTT', 'BEST WESTERN', 'NOVOTEL', 'DOUBLETREE', 'HAMPTON BY HILTON'], 95, 0.4, 35, 420),
  shortLet: kind('7011', ['AIRBNB * HM', 'BOOKING.COM', 'VRBO', 'SONDER', 'LASTMINUTE.COM', 'HOTELS.COM', 'CITY SERVICED APARTMENTS', 'URBAN STAY APARTMENTS'], 120, 0.45, 40, 600),
  carRental: kind('7512', ['ENTERPRISE RENT-A-CAR', 'EUROPCAR', 'HERTZ', 'SIXT', 'AVIS', 'ZIPCAR'], 120, 0.5, 35, 700),
  parking: kind('7523', ['RINGGO', 'NCP', 'JUSTPARK', 'PAYBYPHONE'], 6, 0.6, 1, 40),
  telecomTopup: kind('4814', ['LEBARA', 'LYCAMOBILE', 'GIFFGAFF', 'VODAFONE TOPUP', 'EE TOPUP', 'O2 TOPUP', 'THREE TOPUP', 'VOXI'], 15, 0.35, 5, 40),
  streaming: kind('4899', ['NETFLIX.COM', 'SPOTIFY', 'DISNEY PLUS', 'NOW TV', 'YOUTUBE PREMIUM'], 10.99, 0.3, 4.99, 24.99),
  gym: kind('7997', ['PUREGYM', 'THE GYM GROUP', 'DAVID LLOYD', 'ANYTIME FITNESS'], 24.99, 0.35, 12, 90),
  cinema: kind('7832', ['ODEON', 'CINEWORLD', 'VUE CINEMAS'], 14, 0.4, 6, 45),
  gambling: kind('7995', ['BET365', 'PADDY POWER', 'WILLIAM HILL', 'SKY BET', 'BETFAIR', 'LADBROKES', 'GROSVENOR CASINO'], 40, 0.9, 5, 2500),
  jewellery: kind('5944', ['GOLDSMITHS', 'H SAMUEL', 'ERNEST JONES', 'PANDORA', 'BEAVERBROOKS', 'HATTON GARDEN JEWELLERS'], 480, 0.8, 40, 9000),
  designer: kind('5311', ['SELFRIDGES', 'HARRODS', 'HARVEY NICHOLS', 'FLANNELS', 'GUCCI LONDON', 'LOUIS VUITTON'], 420, 0.7, 60, 6000),
  carDealer: kind('5511', ['ARNOLD CLARK', 'EVANS HALSHAW', 'MOTORPOINT', 'CAZOO', 'BMW PARK LANE', 'MERCEDES-BENZ RETAIL'], 9000, 0.7, 1500, 65000),
  ads: kind('7311', ['ADULTWORK.COM', 'VIVASTREET', 'LOCANTO', 'CLASSIFIEDS ONLINE LTD', 'AW MEDIA SERVICES', 'ESCORTADS EU', 'NIGHTLIST MEDIA'], 24, 0.8, 3, 400),
  prepaid: kind('6540', ['PAYSAFECARD', 'TRANSCASH', 'NEOSURF', 'PCS MASTERCARD LOAD', 'VANILLA GIFT'], 50, 0.4, 10, 250),
  crypto: kind('6051', ['COINBASE UK', 'BINANCE', 'KRAKEN', 'BITSTAMP', 'CRYPTO.COM', 'BITPANDA'], 60, 0.6, 10, 2000),
  moneyTransfer: kind('4829', ['WESTERN UNION', 'MONEYGRAM', 'RIA MONEY TRANSFER', 'SMALL WORLD', 'WORLDREMIT', 'TRANSFERGO', 'WISE'], 300, 0.6, 30, 3000),
  roCoach: kind('4131', ['ATLASSIB', 'FLIXBUS', 'EUROLINES RO', 'AMVIO TRAVEL', 'DOUA SURORI', 'NATIONAL EXPRESS'], 95, 0.3, 50, 180),
  roAirline: kind('4511', ['WIZZ AIR', 'RYANAIR', 'BLUE AIR', 'TAROM', 'EASYJET'], 110, 0.45, 30, 420),
  roGrocery: kind('5411', ['KAUFLAND', 'LIDL ROMANIA', 'MEGA IMAGE', 'CARREFOUR', 'PROFI', 'PENNY'], 140, 0.7, 10, 900, 'RON'),
  roFastFood: kind('5814', ["MCDONALD'S RO", 'KFC RO', 'SPARTAN', 'SALAD BOX', 'GLOVO'], 45, 0.5, 10, 250, 'RON'),
  roFuel: kind('5541', ['PETROM', 'OMV', 'MOL', 'ROMPETROL', 'LUKOIL'], 260, 0.35, 50, 600, 'RON'),
  roRestaurant: kind('5812', ['LA MAMA', 'CARU CU BERE', 'TRATTORIA IL CALCIO', 'HANUL RAZESILOR', 'CASA DOINEI'], 160, 0.5, 30, 900, 'RON'),
  roDepartment: kind('5311', ['EMAG.RO', 'DEDEMAN', 'ALTEX', 'FASHION DAYS', 'PEPCO'], 180, 0.8, 15, 3000, 'RON'),
  roPharmacy: kind('5912', ['CATENA', 'DR.MAX', 'HELP NET', 'SENSIBLU'], 55, 0.6, 8, 400, 'RON'),
  roJewellery: kind('5944', ['TEILOR', 'SABION', 'MALVENSKY'], 2500, 0.8, 300, 40000, 'RON'),
  roCarDealer: kind('5511', ['AUTOKLASS', 'PORSCHE INTER AUTO', 'BMW AUTOMOBILE BAVARIA', 'AUTO ITALIA'], 90000, 0.6, 15000, 450000, 'RON'),
});

/** Which named merchant kind. */
export type MerchantKindName = keyof typeof MERCHANTS;

/** Country where some non-UK merchants are incorporated (card descriptor country). */
export const MERCHANT_COUNTRY: Readonly<Record<string, string>> = Object.freeze({
  'WIZZ AIR': 'HU', RYANAIR: 'IE', 'BLUE AIR': 'RO', TAROM: 'RO', FLIXBUS: 'DE', ATLASSIB: 'RO', 'EUROLINES RO': 'RO', 'AMVIO TRAVEL': 'RO', 'DOUA SURORI': 'RO',
  'BOOKING.COM': 'NL', 'AIRBNB * HM': 'IE', VRBO: 'US', 'HOTELS.COM': 'US', 'BOLT.EU': 'EE', BINANCE: 'MT', BITPANDA: 'AT', 'CRYPTO.COM': 'MT',
  PAYSAFECARD: 'AT', NEOSURF: 'FR', VIVASTREET: 'FR', 'ESCORTADS EU': 'CY', 'NIGHTLIST MEDIA': 'NL', LOCANTO: 'MT', TEMU: 'IE', 'TEMU.COM': 'IE',
});

/** Employers paying salaries (purpose `salary`), by sector. */
export const EMPLOYERS = Object.freeze({
  office: ['HARGREAVES & COLE LTD', 'NORTHBRIDGE INSURANCE PLC', 'CITY COUNCIL PAYROLL', 'ALDERTON CONSULTING LTD', 'BRIGHTWATER SOFTWARE LTD', 'KESTREL FINANCIAL SERVICES', 'MERIDIAN HOUSING ASSOC', 'PENNINE UTILITIES LTD'],
  retail: ['TESCO STORES LTD PAYROLL', "SAINSBURY'S SUPERMARKETS", 'ASDA STORES LTD', 'NEXT RETAIL LTD', 'PRIMARK STORES LTD', 'GREGGS PLC'],
  health: ['NHS BLOOD AND TRANSPLANT', 'BARTS HEALTH NHS TRUST', 'LEEDS TEACHING HOSPITALS', 'MANCHESTER UNIV NHS FT', 'BUPA CARE HOMES', 'HC-ONE LTD'],
  warehouse: ['AMAZON UK SERVICES LTD', 'DHL SUPPLY CHAIN LTD', 'WINCANTON PLC', 'CLIPPER LOGISTICS', 'XPO LOGISTICS UK', 'ROYAL MAIL GROUP'],
  construction: ['KIER CONSTRUCTION', 'BALFOUR BEATTY', 'MORGAN SINDALL', 'HARWOOD BUILD LTD', 'APEX SCAFFOLDING LTD', 'DRYLINE INTERIORS LTD'],
  agency: ['STAFFLINE RECRUITMENT', 'PRIMARK AGENCY PAY', 'PERTEMPS LTD', 'BLUE ARROW LTD', 'ADECCO UK LTD', 'FASTNET STAFFING LTD'],
  hospitality: ['WHITBREAD GROUP', 'MITCHELLS & BUTLERS', 'COMPASS GROUP UK', 'SODEXO LTD', 'TRAVELODGE HOTELS LTD'],
  travel: ['ATKINS REALIS UK', 'JACOBS ENGINEERING UK', 'SIEMENS PLC', 'ACCENTURE UK LTD', 'KPMG LLP', 'CAPITA PLC', 'SERCO LTD'],
});

/** Occupations by background archetype. */
export const OCCUPATIONS = Object.freeze({
  salaried: ['office administrator', 'accountant', 'teacher', 'software developer', 'sales assistant', 'customer service adviser', 'civil servant', 'marketing officer', 'electrician', 'bus driver'],
  student: ['student'],
  romanian_worker: ['construction worker', 'warehouse operative', 'care assistant', 'delivery driver', 'kitchen porter', 'cleaner', 'fruit picker', 'hotel housekeeper'],
  night_shift: ['nurse', 'warehouse operative', 'security officer', 'healthcare assistant', 'baker', 'taxi driver'],
  business_traveller: ['sales manager', 'consultant', 'engineer', 'auditor', 'project manager', 'field service engineer'],
  pensioner: ['retired'],
  ro_resident: ['profesor', 'inginer', 'contabil', 'vânzător', 'șofer', 'asistent medical', 'pensionar', 'agricultor'],
});

/** Kinds of small business, with their card MCC, trading hours and typical suppliers. */
export interface BusinessKind {
  readonly label: string;
  readonly mcc: string;
  readonly tradingNames: readonly string[];
  /** Local opening hour and closing hour (closing may exceed 24 for past midnight). */
  readonly open: number;
  readonly close: number;
  /** Median card sale. */
  readonly sale: number;
  readonly suppliers: readonly string[];
}

const biz = (label: string, mcc: string, tradingNames: string[], open: number, close: number, sale: number, suppliers: string[]): BusinessKind =>
  Object.freeze({ label, mcc, tradingNames: Object.freeze(tradingNames), open, close, sale, suppliers: Object.freeze(suppliers) });

/** Ordinary small businesses. The bar and the beauty salon are the innocent look-alikes of a front business. */
export const BUSINESS_KINDS: readonly BusinessKind[] = Object.freeze([
  biz('cafe', '5814', ['CORNER CAFE', 'BEAN THERE COFFEE', 'THE DAILY GRIND', 'SUNRISE CAFE'], 7, 17, 7.5, ['BIDFOOD LTD', 'BRAKES FOODSERVICE', 'BOOKER WHOLESALE']),
  biz('restaurant', '5812', ['SPICE GARDEN', 'LA PIAZZA', 'THE OLIVE TREE', 'GOLDEN DRAGON'], 12, 23, 34, ['BIDFOOD LTD', 'BRAKES FOODSERVICE', 'JJ FOODSERVICE']),
  biz('bar', '5813', ['THE FOX & HOUNDS', 'NO.9 COCKTAIL BAR', 'THE ANCHOR', 'VAULT BAR'], 16, 25, 16, ['MATTHEW CLARK', 'HEINEKEN UK', 'CARLSBERG MARSTONS']),
  biz('barber', '7230', ['KUTZ BARBERS', 'CLASSIC CUTS', 'FADE STUDIO', 'BLADES BARBERSHOP'], 9, 19, 16, ['SALON SERVICES', 'SALLY PRO SUPPLIES']),
  biz('beauty', '7298', ['GLOW BEAUTY ROOMS', 'SERENITY SPA', 'PURE SKIN CLINIC', 'THE BEAUTY LOUNGE'], 9, 20, 42, ['SALON SERVICES', 'SALLY PRO SUPPLIES', 'CAPITAL HAIR & BEAUTY']),
  biz('convenience', '5499', ['CITY MINI MARKET', 'PARK STORES', 'EURO FOOD SHOP', 'LOCAL EXPRESS'], 7, 22, 9, ['BOOKER WHOLESALE', 'PARFETTS', 'UNITED WHOLESALE']),
  biz('builder', '1520', ['HARRIS BUILDING SERVICES', 'NOVA CONSTRUCT LTD', 'OAKLINE JOINERY'], 8, 17, 850, ['TRAVIS PERKINS', 'JEWSON', 'SCREWFIX DIRECT', 'SELCO BUILDERS']),
  biz('plumber', '1711', ['A&B PLUMBING', 'FLOWRIGHT HEATING', 'CITY BOILERS LTD'], 8, 18, 320, ['PLUMB CENTER', 'SCREWFIX DIRECT', 'CITY PLUMBING SUPPLIES']),
  biz('garage', '7538', ['QUICKFIT AUTOS', 'MOT CENTRE', 'PRO TYRES & SERVICE'], 8, 18, 140, ['EURO CAR PARTS', 'GSF CAR PARTS']),
]);

/** Trading names and MCCs that a front business can take. Ordinary names: nothing in them reveals the scenario. */
export const FRONT_BUSINESS_KINDS: readonly BusinessKind[] = Object.freeze([
  biz('massage', '7297', ['ORCHID MASSAGE', 'LOTUS THAI MASSAGE', 'SILK HEALTH STUDIO', 'RELAX WELLBEING'], 10, 22, 80, []),
  biz('beauty', '7298', ['ROSE BEAUTY ROOMS', 'ANGEL SPA', 'VELVET BEAUTY', 'LUX BEAUTY LOUNGE'], 9, 20, 70, []),
  biz('salon', '7230', ['DIAMOND NAILS & BEAUTY', 'CRYSTAL HAIR STUDIO', 'STAR NAILS'], 9, 19, 60, []),
  biz('bar', '5813', ['VELVET LOUNGE', 'CLUB NOIR', 'THE RED ROOM BAR', 'MIDNIGHT LOUNGE'], 18, 26, 90, []),
]);

/** Card acquirers that settle card takings to business accounts. */
export const ACQUIRERS: readonly string[] = Object.freeze(['WORLDPAY (UK) LTD', 'SUMUP PAYMENTS', 'STRIPE PAYMENTS UK', 'SQUARE EUROPE LTD', 'ZETTLE BY PAYPAL', 'BARCLAYCARD PAYMENTS', 'DOJO TAKINGS']);

/** Utility, telecom, insurance and council payees for direct debits. */
export const BILL_PAYEES = Object.freeze({
  energy: ['BRITISH GAS', 'OCTOPUS ENERGY', 'EDF ENERGY', 'E.ON NEXT', 'OVO ENERGY', 'SCOTTISHPOWER'],
  water: ['THAMES WATER', 'SEVERN TRENT WATER', 'UNITED UTILITIES', 'YORKSHIRE WATER', 'ANGLIAN WATER'],
  telecom: ['EE LIMITED', 'VODAFONE LTD', 'O2 UK', 'THREE UK', 'BT GROUP PLC', 'SKY UK LTD', 'VIRGIN MEDIA'],
  insurance: ['AVIVA INSURANCE', 'DIRECT LINE', 'ADMIRAL INSURANCE', 'LV= INSURANCE', 'CHURCHILL INSURANCE'],
  lettings: ['FOXTONS LETTINGS', 'CONNELLS LETTINGS', 'OPENRENT', 'LEADERS LETTINGS', 'MARTIN & CO'],
  mortgage: ['NATIONWIDE BS MORTGAGE', 'HALIFAX MORTGAGES', 'SANTANDER MORTGAGE', 'COVENTRY BS'],
  studentHall: ['UNITE GROUP LETTINGS', 'IQ ACCOMMODATION', 'CRM LIVING', 'DIGS LETS'],
  roUtilities: ['ENEL ENERGIE', 'ENGIE ROMANIA', 'DIGI RCS RDS', 'ORANGE ROMANIA', 'APA NOVA', 'E.ON ENERGIE ROMANIA'],
});

/** Given names (mixed UK and Romanian). */
export const FIRST_NAMES_UK: readonly string[] = Object.freeze(['James', 'Oliver', 'Harry', 'Jack', 'George', 'Noah', 'Mohammed', 'Daniel', 'Thomas', 'Liam', 'Adam', 'Ryan', 'Sophie', 'Emily', 'Olivia', 'Amelia', 'Jessica', 'Chloe', 'Aisha', 'Grace', 'Hannah', 'Priya', 'Sarah', 'Laura', 'David', 'Paul', 'Mark', 'Michael', 'Lee', 'Karen', 'Emma', 'Rachel', 'Imran', 'Tariq', 'Kwame', 'Tom']);
/** Romanian given names. */
export const FIRST_NAMES_RO: readonly string[] = Object.freeze(['Andrei', 'Ionuț', 'Alexandru', 'Mihai', 'Florin', 'Gabriel', 'Marius', 'Cristian', 'Bogdan', 'Adrian', 'Vasile', 'Ionela', 'Andreea', 'Elena', 'Maria', 'Ioana', 'Alexandra', 'Mihaela', 'Roxana', 'Denisa', 'Bianca', 'Larisa', 'Georgiana', 'Florentina', 'Daniela', 'Cătălina', 'Raluca', 'Nicoleta']);
/** Family names (UK). */
export const LAST_NAMES_UK: readonly string[] = Object.freeze(['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Khan', 'Begum', 'Ahmed', 'Hussain', 'Clarke', 'Lewis', 'Jackson', 'Wood', 'Harris', 'Martin', 'Cooper', 'Ward', 'Okafor', 'Mensah', 'Kowalski', 'Nowak']);
/** Family names (Romanian). */
export const LAST_NAMES_RO: readonly string[] = Object.freeze(['Popescu', 'Ionescu', 'Popa', 'Pop', 'Radu', 'Dumitru', 'Stan', 'Stoica', 'Gheorghe', 'Matei', 'Ciobanu', 'Rusu', 'Munteanu', 'Constantin', 'Marin', 'Tudor', 'Lungu', 'Moldovan', 'Florea', 'Cristea', 'Mocanu', 'Oprea', 'Dinu', 'Nistor', 'Zamfir', 'Ursu', 'Costea', 'Sandu', 'Barbu', 'Lupu']);

/** Street names for UK and RO addresses. */
export const STREETS_UK: readonly string[] = Object.freeze(['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Green Lane', 'Manor Road', 'Park Avenue', 'Queens Road', 'Kings Road', 'Mill Lane', 'Grange Road', 'Stanley Road', 'Albert Street', 'Cromwell Road', 'Springfield Road', 'Beech Grove', 'Oak Avenue', 'Wellington Street']);
/** Romanian street names. */
export const STREETS_RO: readonly string[] = Object.freeze(['Strada Mihai Eminescu', 'Strada Ștefan cel Mare', 'Bulevardul Independenței', 'Strada Unirii', 'Strada Libertății', 'Calea Națională', 'Strada Republicii', 'Strada Mărășești', 'Aleea Trandafirilor', 'Strada Tudor Vladimirescu']);

/** Bank codes for IBANs: UK clearing banks, Romanian banks, and the code of the bank being simulated. */
export const BANKS = Object.freeze({
  uk: ['NWBK', 'BARC', 'LOYD', 'HBUK', 'MIDL', 'SRLG', 'MONZ', 'REVO', 'NAIA', 'CITI', 'TSBS', 'COOP'],
  ro: ['BTRL', 'BRDE', 'RNCB', 'INGB', 'RZBR', 'CECE', 'BACX', 'OTPV', 'UGBI'],
  /** The monitored bank: its own accounts carry this code. */
  own: 'MSHB',
});

/** UK mobile operators' IP prefixes and broadband prefixes, used for online-banking sessions. */
export const IP_PREFIXES_UK: readonly string[] = Object.freeze(['81.2', '86.1', '92.40', '109.150', '31.94', '90.214', '82.132', '2.96', '176.24', '185.69']);
/** Romanian IP prefixes. */
export const IP_PREFIXES_RO: readonly string[] = Object.freeze(['79.112', '86.120', '89.34', '5.2', '188.25', '93.115']);

/** Merchants where holiday-makers spend abroad (names generic to the destination). */
export const HOLIDAY_MERCHANTS = Object.freeze({
  restaurant: kind('5812', ['RESTAURANTE EL PUERTO', 'TAVERNA NIKOS', 'TRATTORIA DA MARIO', 'BEACH CLUB', 'CAFE CENTRAL', 'LE PETIT BISTRO', 'MARISQUERIA'], 42, 0.5, 8, 220),
  grocery: kind('5411', ['MERCADONA', 'CARREFOUR', 'CONTINENTE', 'LIDL', 'SPAR', 'MIGROS'], 24, 0.6, 3, 140),
  shop: kind('5999', ['SOUVENIR SHOP', 'WORLD DUTY FREE', 'BEACH SHOP', 'MERCADO MUNICIPAL'], 18, 0.7, 3, 200),
  taxi: kind('4121', ['TAXI', 'BOLT.EU', 'UBER *TRIP', 'FREE NOW'], 22, 0.5, 6, 90),
  carRental: kind('7512', ['GOLDCAR', 'SIXT', 'HERTZ', 'CENTAURO', 'AVIS'], 180, 0.4, 60, 600),
});

/** Nearest airport code of UK and RO towns (for route references on tickets). */
export const AIRPORTS: Readonly<Record<string, string>> = Object.freeze({
  London: 'LTN', Birmingham: 'BHX', Manchester: 'MAN', Leeds: 'LBA', Glasgow: 'GLA', Liverpool: 'LPL', Bristol: 'BRS', Sheffield: 'EMA',
  Leicester: 'EMA', Nottingham: 'EMA', Coventry: 'BHX', Bradford: 'LBA', Luton: 'LTN', Slough: 'LHR', Reading: 'LHR', 'Newcastle upon Tyne': 'NCL',
  Cardiff: 'CWL', Edinburgh: 'EDI', Southampton: 'SOU', Peterborough: 'STN', Northampton: 'LTN', 'Milton Keynes': 'LTN', Derby: 'EMA',
  Wolverhampton: 'BHX', 'Stoke-on-Trent': 'MAN', Hull: 'LBA', Brighton: 'LGW', Oxford: 'LHR', Cambridge: 'STN', Norwich: 'NWI',
  'Southend-on-Sea': 'SEN', Blackpool: 'MAN', Preston: 'MAN', Bolton: 'MAN', Ipswich: 'STN',
  Bucharest: 'OTP', 'Iași': 'IAS', 'Constanța': 'CND', Craiova: 'CRA', 'Timișoara': 'TSR', 'Brașov': 'GHV', 'Cluj-Napoca': 'CLJ', 'Galați': 'OTP',
  'Bacău': 'BCM', 'Botoșani': 'SCV', Vaslui: 'IAS', Suceava: 'SCV', 'Ploiești': 'OTP', 'Pitești': 'OTP', 'Brăila': 'OTP', 'Buzău': 'OTP',
  'Focșani': 'BCM', 'Târgu Jiu': 'CRA', 'Piatra Neamț': 'BCM',
});

/** Cities abroad visited on business. */
export const BUSINESS_ABROAD: readonly Place[] = Object.freeze([
  place('Paris', 'FR', 'CDG', [], 1),
  place('Amsterdam', 'NL', 'AMS', [], 1),
  place('Frankfurt', 'DE', 'FRA', [], 1),
  place('Dublin', 'IE', 'DUB', [], 1),
  place('Brussels', 'BE', 'BRU', [], 1),
  place('Madrid', 'ES', 'MAD', [], 0.6),
]);
