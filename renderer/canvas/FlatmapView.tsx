import { useEffect, useRef } from 'react';
import { mountFlatmap } from './mount-flatmap.js';

/** The flatmap stage's element; everything on it is drawn and wired by mountFlatmap. */
export function FlatmapView() {
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    return host ? mountFlatmap(host) : undefined;
  }, []);

  return <div ref={hostRef} className="flatmap" role="application" aria-label="Flatmap" tabIndex={0} />;
}
