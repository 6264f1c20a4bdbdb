/** Main→renderer events, typed by the contract; transports subscribe to forward them. */
import type { EventName, EventPayload } from './contract';

export type EventListener = (event: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event, payload);
      } catch (error) {
        // One broken window must not stop the others from hearing the event.
        console.error(`[events] listener for ${event} failed:`, error);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
