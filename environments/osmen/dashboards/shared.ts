import { JOB_INSTANCE } from '../../../model/dashboards/common';

export const ENV = 'osmen';

export const SEL = `{${JOB_INSTANCE}}`;
