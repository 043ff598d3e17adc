import type { Config } from '../../config.js';
import type { ChannelAdapter } from './notifier.js';

/** The channel adapters known to this build (email, WeCom, DingTalk). */
export function channelAdapters(_config: Config): ChannelAdapter[] {
  return [];
}
