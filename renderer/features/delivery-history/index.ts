/** The delivery history import (issue #16): mount `DeliveryHistoryImport` in the Delivery view; the calibration reads `useDeliveryHistoryStore`. */
export { DeliveryHistoryImport } from './DeliveryHistoryImport.tsx';
export type { PodChoice } from './MappingTable.tsx';
export { useDeliveryHistoryStore, type DeliveryHistoryState } from './store.ts';
