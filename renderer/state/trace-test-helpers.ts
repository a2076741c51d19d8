import type { RoiStudioApi, TraceRequest, TracedRoi } from '../../shared/api.js';
import { setApi } from './api-holder.js';

/** Test fixture: an API whose traceLabels answers `traced` and records each request it gets. */
export function recordTraceRequests(traced: readonly TracedRoi[]): TraceRequest[] {
  const requests: TraceRequest[] = [];
  setApi({
    traceLabels: (r: TraceRequest) => {
      requests.push(r);
      return Promise.resolve(traced);
    },
  } as unknown as RoiStudioApi);
  return requests;
}
