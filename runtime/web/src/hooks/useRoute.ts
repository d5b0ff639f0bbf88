import { useCallback, useEffect, useState } from 'react';
import { type Route, routeOf } from '../navigation/route.js';

const current = (): Route => routeOf(window.location.pathname, window.location.search);

/** Goes to an address: a new history entry, or in place of the current one (`replace`, e.g. a changed filter). */
export type Go = (address: string, options?: { readonly replace?: boolean }) => void;

/** The route in the address bar, so reloads and the back button work. */
export function useRoute(): [Route, Go] {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const onPop = () => setRoute(current());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = useCallback<Go>((address, options) => {
    if (address !== window.location.pathname + window.location.search) {
      if (options?.replace) window.history.replaceState(null, '', address);
      else window.history.pushState(null, '', address);
    }
    setRoute(current());
  }, []);
  return [route, go];
}
