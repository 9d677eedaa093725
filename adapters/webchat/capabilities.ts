import type { ChannelCapabilities } from '../../src/channels/types.ts';

/**
 * What Web Chat shows natively. Suggested actions have no protocol limit, but more than ten
 * buttons wrap into an unreadable wall on a phone, and long labels are cut by the button width;
 * past these the renderer falls back to a numbered menu, which is still usable.
 */
export const webchatCapabilities: ChannelCapabilities = {
  // No hard limit in Direct Line; a very long bubble is tiring to read on a phone, so split.
  maxTextLength: 4000,
  choices: { native: true, maxCount: 10, maxLabelLength: 40, maxKeyBytes: 256 },
  // A browser has no "share my phone number" button: the flow's text asks instead.
  requestContact: false,
  cards: { native: true, maxCount: 10, maxButtons: 6 },
  media: true,
};
