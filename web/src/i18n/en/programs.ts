import type { koPrograms } from '../ko/programs.js';
import type { Translation } from '../resources.js';

/** English texts of the program manager's figures. */
export const enPrograms: Translation<typeof koPrograms> = {
  title: 'Programs at a glance',
  lead: 'Deliveries, fill rate by district and welfare alerts. The table downloads as CSV.',
  orders: 'Delivery orders',
  delivered: 'Delivered',
  fillRate: 'Fill rate',
  openAlerts: 'Open alerts',
  donations: 'Donations',
  deliveriesTitle: 'Delivery orders by status',
  fillTitle: 'Fill rate by district',
  alertsTitle: 'Alerts by severity',
  exportCsv: 'Download CSV',
  tableTitle: 'Figures by district',
  columns: {
    district: 'District',
    orders: 'Orders',
    done: 'Done',
    failed: 'Failed',
    fillRate: 'Fill rate (%)',
    alerts: 'Alerts',
  },
  orderStatus: {
    open: 'Open',
    planned: 'Planned',
    published: 'Published',
    done: 'Done',
    failed: 'Failed',
    cancelled: 'Cancelled',
  },
} as const;
