import type { AccountService } from './accounts/account.service.js';
import type { WebhookService } from './webhooks/webhook.service.js';
import type { PublishService } from './events/publish.service.js';
import type { DeliveryService } from './deliveries/delivery.service.js';

/** The domain services resolvers call. */
export interface Services {
  readonly accounts: AccountService;
  readonly webhooks: WebhookService;
  readonly publishing: PublishService;
  readonly deliveries: DeliveryService;
}
