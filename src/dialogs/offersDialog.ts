/** Offers: list, view customer-service info, edit it, delete an offer after confirmation. */
import type { Offer } from '../domain/publisher';
import { isPrivacyError } from '../service/errors';
import { CUSTOMER_SERVICE_FIELDS, fieldNames } from '../domain/fieldSpecs';
import { offerDeleteConfirmView, offerDetailView, offerEditView, offerListView } from '../views/offerViews';
import { receiptView } from '../views/receiptView';
import type { ActionData, View } from '../views/view';
import { savedNotice, staleNotice } from './notices';
import type { Verb } from '../tasks/registry';
import { TaskDialog, stringOf, versionOf, type TaskTurn } from './taskDialog';

export class OffersDialog extends TaskDialog {
  static readonly id = 'offers' as const;

  constructor() {
    super(OffersDialog.id);
  }

  protected async handle(turn: TaskTurn, verb: Verb, data: ActionData): Promise<void> {
    if (verb === 'offer.save') return this.save(turn, data);
    if (verb === 'offer.delete.execute') return this.delete(turn, data);

    const { publisher, version } = await turn.service.view(turn.actor);
    const stale = data.v !== undefined && versionOf(data) !== version;
    if (verb === 'offer.list') return turn.present.show(offerListView(turn.t, publisher, version, stale ? staleNotice(turn.t) : undefined));

    const offer = publisher.offers.find((o) => o.id === stringOf(data, 'offerId'));
    if (!offer) return this.home(turn, { tone: 'attention', text: turn.t('errors.E-NOT-FOUND') });
    // A changed offer must be looked at again before it is edited or deleted.
    if (stale && verb !== 'offer.view') return turn.present.show(offerDetailView(turn.t, version, offer, staleNotice(turn.t)));
    turn.present.show(this.viewFor(turn, verb, version, offer, stale));
  }

  protected async home(turn: TaskTurn, message: View['notice']): Promise<void> {
    const { publisher, version } = await turn.service.view(turn.actor);
    turn.present.show(offerListView(turn.t, publisher, version, message));
  }

  private viewFor(turn: TaskTurn, verb: Verb, version: number, offer: Offer, stale: boolean): View {
    if (verb === 'offer.edit') return offerEditView(turn.t, version, offer);
    if (verb === 'offer.delete') return offerDeleteConfirmView(turn.t, version, offer);
    return offerDetailView(turn.t, version, offer, stale ? staleNotice(turn.t) : undefined);
  }

  private async save(turn: TaskTurn, data: ActionData): Promise<void> {
    const offerId = stringOf(data, 'offerId');
    const input = Object.fromEntries(fieldNames(CUSTOMER_SERVICE_FIELDS).map((field) => [field, stringOf(data, field)]));
    try {
      const result = await turn.service.updateCustomerService(turn.actor, offerId, input, versionOf(data));
      await this.showOffer(turn, offerId, savedNotice(turn.t, result));
    } catch (error) {
      if (!isPrivacyError(error, 'E-VALIDATION')) throw error;
      const { publisher, version } = await turn.service.view(turn.actor);
      const offer = publisher.offers.find((o) => o.id === offerId);
      if (!offer) return this.home(turn, { tone: 'attention', text: turn.t('errors.E-NOT-FOUND') });
      turn.present.show(offerEditView(turn.t, version, offer, data, error.fieldErrors));
    }
  }

  private async delete(turn: TaskTurn, data: ActionData): Promise<void> {
    const result = await turn.service.deleteOffer(turn.actor, stringOf(data, 'offerId'), versionOf(data));
    if (!result.receipt) return this.home(turn, savedNotice(turn.t, result));
    turn.present.show(receiptView(turn.t, turn.locale, result.receipt, { verb: 'offer.list', title: turn.t('offers.back') }));
  }

  private async showOffer(turn: TaskTurn, offerId: string, message: View['notice']): Promise<void> {
    const { publisher, version } = await turn.service.view(turn.actor);
    const offer = publisher.offers.find((o) => o.id === offerId);
    if (!offer) return this.home(turn, message);
    turn.present.show(offerDetailView(turn.t, version, offer, message));
  }
}
