import { ApiError, type RoiStudioApi } from '../../shared/api.js';
import type { BackendContext } from './context.js';

export type DatabaseApi = Pick<
  RoiStudioApi,
  | 'getDatabase'
  | 'openDatabase'
  | 'chooseDatabaseFolder'
  | 'listSubjects'
  | 'loadVolume'
  | 'loadVertexData'
  | 'chooseTemplateFile'
>;

// Scaffold: each method is replaced by its real implementation (see the issue that owns it).
export function databaseApi(_ctx: BackendContext): DatabaseApi {
  const todo = (method: string) => () =>
    Promise.reject(new ApiError('INTERNAL', `${method} is not available yet`));
  return {
    getDatabase: todo('getDatabase'),
    openDatabase: todo('openDatabase'),
    chooseDatabaseFolder: todo('chooseDatabaseFolder'),
    listSubjects: todo('listSubjects'),
    loadVolume: todo('loadVolume'),
    loadVertexData: todo('loadVertexData'),
    chooseTemplateFile: todo('chooseTemplateFile'),
  };
}
