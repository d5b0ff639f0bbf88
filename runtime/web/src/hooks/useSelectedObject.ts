import { useEffect, useState } from 'react';
import type { ObjectInfo } from '../api/types.js';
import { objectFromPath, objectPath } from '../navigation/objectPath.js';

/** The object shown, kept in the address bar (`/o/lead`) so reloads and the back button work. */
export function useSelectedObject(objects: readonly ObjectInfo[]): [ObjectInfo | undefined, (name: string) => void] {
  const [pathname, setPathname] = useState(() => window.location.pathname);
  useEffect(() => {
    const onPop = () => setPathname(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const select = (name: string) => {
    const path = objectPath(name);
    if (path !== window.location.pathname) window.history.pushState(null, '', path);
    setPathname(path);
  };
  return [objectFromPath(pathname, objects), select];
}
