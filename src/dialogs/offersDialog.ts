/** Offers: list, view customer-service info, edit it, delete an offer after confirmation. */
import type { Offer } from '../domain/publisher';
import { isPrivacyError } from '../service/errors';
import { CUSTOMER_SERVICE_FIELDS, fieldNames } from '../domain/fieldSpecs';
import { fieldsChangedSince } from '../domain/partVersions';
import { customerServiceFormValues, offerDeleteConfirmView, offerDetailView, offerEditView, offerListView } from '../views/offerViews';
import { requestedPage } from '../views/pager';
import { receiptView } from '../views/receiptView';
import type { ActionData, View } from '../views/view';
import { savedNotice } from './notices';
import type { Verb } from '../tasks/registry';
import { TaskDialog, stringOf, versionOf, type TaskTurn } from './taskDialog';

export class OffersDialog extends TaskDialog {
  static readonly id = 'offers' as const;

  constructor() {
    super(OffersDialog.id);
  }

  // Showing an offer, its form or its deletion confirmation is never stale: each shows what is stored now.
  protected async handle(turn: TaskTurn, verb: Verb, data: ActionData): Promise<void> {
    if (verb === 'offer.save') return this.save(turn, data);
    if (verb === 'offer.delete.execute') return this.delete(turn, data);

    const { publisher } = await turn.service.view(turn.actor);
    if (verb === 'offer.list') return turn.present.show(offerListView(turn.t, publisher, undefined, requestedPage(data)));
    const offer = publisher.offers.find((o) => o.id === stringOf(data, 'offerId'));
    if (!offer) return this.home(turn, { tone: 'attention', text: turn.t('errors.E-NOT-FOUND') });
    turn.present.show(this.viewFor(turn, verb, offer));
  }

  protected async home(turn: TaskTurn, message: View['notice']): Promise<void> {
    const { publisher } = await turn.service.view(turn.actor);
    turn.present.show(offerListView(turn.t, publisher, message));
  }

  private viewFor(turn: TaskTurn, verb: Verb, offer: Offer): View {
    if (verb === 'offer.edit') return offerEditView(turn.t, offer);
    if (verb === 'offer.delete') return offerDeleteConfirmView(turn.t, offer);
    return offerDetailView(turn.t, offer);
  }

  private async save(turn: TaskTurn, data: ActionData): Promise<void> {
    const offerId = stringOf(data, 'offerId');
    const input = Object.fromEntries(fieldNames(CUSTOMER_SERVICE_FIELDS).map((field) => [field, stringOf(data, field)]));
    try {
      const result = await turn.service.updateCustomerService(turn.actor, offerId, input, versionOf(data));
      await this.showOffer(turn, offerId, savedNotice(turn.t, result, (await turn.service.view(turn.actor)).publisher));
    } catch (error) {
      if (!isPrivacyError(error, 'E-VALIDATION') && !isPrivacyError(error, 'E-STALE')) throw error;
      const { publisher } = await turn.service.view(turn.actor);
      const offer = publisher.offers.find((o) => o.id === offerId);
      if (!offer) return this.home(turn, { tone: 'attention', text: turn.t('errors.E-NOT-FOUND') });
      // Stale: the form again with what was typed, the fields changed meanwhile marked.
      const changed = error.code === 'E-STALE' ? fieldsChangedSince(data, customerServiceFormValues(offer)) : [];
      turn.present.show(offerEditView(turn.t, offer, data, error.fieldErrors, changed));
    }
  }

  private async delete(turn: TaskTurn, data: ActionData): Promise<void> {
    const offerId = stringOf(data, 'offerId');
    try {
      const result = await turn.service.deleteOffer(turn.actor, offerId, versionOf(data));
      if (!result.receipt) return this.home(turn, savedNotice(turn.t, result));
      turn.present.show(receiptView(turn.t, turn.locale, result.receipt, { verb: 'offer.list', title: turn.t('offers.back') }));
    } catch (error) {
      if (!isPrivacyError(error, 'E-STALE')) throw error;
      // A deletion is confirmed on what it removes: the offer changed, so confirm it as it is now.
      const offer = (await turn.service.view(turn.actor)).publisher.offers.find((o) => o.id === offerId);
      if (!offer) return this.home(turn, { tone: 'attention', text: turn.t('errors.E-NOT-FOUND') });
      turn.present.show({ ...offerDeleteConfirmView(turn.t, offer), notice: { tone: 'warning', text: turn.t('stale.offerChanged') } });
    }
  }

  private async showOffer(turn: TaskTurn, offerId: string, message: View['notice']): Promise<void> {
    const { publisher } = await turn.service.view(turn.actor);
    const offer = publisher.offers.find((o) => o.id === offerId);
    if (!offer) return this.home(turn, message);
    turn.present.show(offerDetailView(turn.t, offer, message));
  }
}
