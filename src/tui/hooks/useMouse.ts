import { mouseEventsOf, type MouseEvent } from '../mouse.js';
import { useRawInput } from './useRawInput.js';

/**
 * The mouse, where the terminal reports it (the screen asks for it on start,
 * config `tui.mouse`): each wheel notch and left click, for as long as
 * `isActive`. A view that scrolls (the feed, a board) takes the wheel here.
 */
export function useMouse(handler: (event: MouseEvent) => void, isActive = true): void {
  useRawInput((input) => {
    if (!input.startsWith('\x1b[<')) return;
    for (const event of mouseEventsOf(input)) handler(event);
  }, isActive);
}
