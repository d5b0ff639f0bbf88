export {
  type ApiNotification,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from './notificationService.js';
export { type NewNotification, notifyUser } from './notifyUser.js';
