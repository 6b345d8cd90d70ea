/**
 * A controller and the accounts it controls: the shared state of the controller and victim scenarios.
 */
import type { Account } from '../account.js';
import type { Address, Device, Party } from '../identity.js';
import type { Place } from '../merchants.js';

/** One exploitation ring: who controls it, who is controlled, where it moves, what it shares. */
export interface Ring {
  readonly id: string;
  /** The controller, when it is one of the generated accounts. */
  controller?: Account;
  /** Where victims' money goes: the controller's account, or an outside account. */
  controllerParty: Party;
  readonly victims: Account[];
  /** Towns the ring works in. */
  readonly circuit: readonly Place[];
  /** Days spent in each town before moving on. */
  readonly stay: number;
  readonly phase: number;
  /** Online-banking device used by the controller and, often, for the victims' accounts. */
  readonly device: Device;
  readonly phone: string;
  readonly address: Address;
}
