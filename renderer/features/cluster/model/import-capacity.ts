/**
 * Capacity import in the UI uses the same pure rule as the CLI and the
 * backend (sim/cluster/import-capacity.ts), so both imports agree.
 */
export { capacityFromGpuNodes, flavorNameFor, GPU_PRODUCT_LABEL as PRODUCT_LABEL } from '../../../../sim/cluster/import-capacity.ts';
