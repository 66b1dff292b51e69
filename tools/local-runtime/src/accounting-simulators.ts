import { startEconomicSimulator, startUnicontaSimulator } from '#simulators/index';

/**
 * The accounting systems of the local stack: the e-conomic and Uniconta simulators, with the
 * accounting side of the demo data (the demo customers' numbers, the catalogue's product codes).
 * ECONOMIC_API_URL / UNICONTA_API_URL point the connectors at another host instead (a real test
 * agreement), and then the simulator is not started.
 */
const demoProducts = [
  ['NUM01', 'Nummerleje'],
  ['FORBRUG1', 'Samtaler'],
  ['IN4010', 'Internet VDSL 40/10Mbit'],
  ['OPR01', 'Oprettelse'],
  ['VM01', 'Voicemail'],
] as const;
const demoCustomers = [
  [1001, 'Kastrup Autoværksted ApS'],
  [1002, 'Frederiksberg Tandlægeklinik'],
] as const;

export interface LocalAccounting {
  readonly economicUrl: string;
  readonly unicontaUrl: string;
  stop(): Promise<void>;
}

export const startAccountingSimulators = async (options: {
  readonly host: string;
  readonly economicPort: number;
  readonly unicontaPort: number;
  readonly economicUrl?: string;
  readonly unicontaUrl?: string;
}): Promise<LocalAccounting> => {
  const economic = options.economicUrl
    ? undefined
    : await startEconomicSimulator({
        port: options.economicPort,
        host: options.host,
        preload: {
          customers: demoCustomers.map(([customerNumber, name]) => ({
            customerNumber,
            name,
            customerGroup: 1,
          })),
          products: demoProducts.map(([productNumber, name]) => ({ productNumber, name })),
        },
      });
  const uniconta = options.unicontaUrl
    ? undefined
    : await startUnicontaSimulator({
        port: options.unicontaPort,
        host: options.host,
        preload: {
          debtors: demoCustomers.map(([account, name]) => ({ Account: String(account), Name: name })),
          items: demoProducts.map(([item, name]) => ({ Item: item, Name: name })),
        },
      });
  return {
    economicUrl: options.economicUrl ?? economic!.url,
    unicontaUrl: options.unicontaUrl ?? uniconta!.url,
    stop: async () => {
      await Promise.all([economic?.stop(), uniconta?.stop()]);
    },
  };
};
