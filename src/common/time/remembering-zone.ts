import { IANAZone, Zone, ZoneOffsetFormat, ZoneOffsetOptions } from 'luxon';

const QUARTER_HOUR = 15 * 60_000;
const MAX_REMEMBERED = 100_000;

/**
 * An IANA zone whose UTC offsets are remembered per quarter hour (time zone transitions fall on whole quarter
 * hours). Luxon asks Intl for the offset on every calculation in a named zone, which made due-time arithmetic
 * the largest cost of a step change; the answers are the same as the plain zone's.
 */
export class RememberingZone extends Zone {
  private readonly zone: IANAZone;
  private readonly offsets = new Map<number, number>();

  constructor(name: string) {
    super();
    this.zone = IANAZone.create(name);
    if (!this.zone.isValid) {
      throw new Error(`Unknown time zone ${name}`);
    }
  }

  override get type(): string {
    return 'iana';
  }

  override get name(): string {
    return this.zone.name;
  }

  override get isUniversal(): boolean {
    return false;
  }

  override get isValid(): true {
    return true;
  }

  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.zone.offsetName(ts, options);
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.zone.formatOffset(ts, format);
  }

  override offset(ts: number): number {
    const quarter = Math.floor(ts / QUARTER_HOUR);
    let offset = this.offsets.get(quarter);
    if (offset === undefined) {
      offset = this.zone.offset(ts);
      if (this.offsets.size >= MAX_REMEMBERED) {
        this.offsets.clear();
      }
      this.offsets.set(quarter, offset);
    }
    return offset;
  }

  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }
}
