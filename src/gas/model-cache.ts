/** CacheService as the CLV model cache (custom functions may use it without authorization). */
import type { ModelCache } from '../core/functions/clv';

const SIX_HOURS = 21_600;

export function documentModelCache(): ModelCache | undefined {
  try {
    const cache = CacheService.getDocumentCache() || CacheService.getScriptCache();
    if (!cache) return undefined;
    return {
      get: (k) => cache.get(k),
      put: (k, v) => cache.put(k, v, SIX_HOURS),
    };
  } catch {
    return undefined;
  }
}
