import { useSyncExternalStore } from 'react';

/**
 * The site switcher's choice: null = 全部场所 (every site the user may see), or one
 * site id. Kept in localStorage so it survives reloads; the API client reads it for
 * the x-houqin-site header and list hooks put it in their query keys.
 */
const STORAGE_KEY = 'houqin.site';
const listeners = new Set<() => void>();

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

let selected: string | null = readStored();

export function getSelectedSite(): string | null {
  return selected;
}

export function setSelectedSite(siteId: string | null): void {
  if (siteId === selected) return;
  selected = siteId;
  try {
    if (siteId) localStorage.setItem(STORAGE_KEY, siteId);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // private mode: the choice lasts for this tab only
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The selected site id (null = all sites); re-renders when the switcher changes. */
export function useSelectedSite(): string | null {
  return useSyncExternalStore(subscribe, getSelectedSite, getSelectedSite);
}
