import type { Socket } from 'zeromq';

/**
 * Sends on one zeromq socket one message at a time: zeromq allows only one send in flight
 * (`EBUSY ... only one send operation may be in progress`). A failed send is reported, not thrown.
 */
export class SendQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: Socket & { send(frames: Buffer[]): Promise<void> },
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Resolves once these frames are on the wire (or failed). */
  send(frames: Buffer[]): Promise<void> {
    this.tail = this.tail.then(() => this.socket.send(frames)).catch(this.onError);
    return this.tail;
  }

  /** Resolves once everything queued so far has been sent. */
  drained(): Promise<void> {
    return this.tail;
  }
}
