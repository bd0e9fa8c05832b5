"""Who may see and change what on the training calendar (django-rules; autodiscovered).
Browsing is public; a stranger to a training's management gets 404."""
import rules

from endorsement.rules import is_coordinator, is_partner


@rules.predicate
def is_member_of_partner(user, training):
    return (training is not None and user.is_authenticated
            and user.training_partners.filter(pk=training.partner_id).exists())


@rules.predicate
def is_signed_in(user):
    return user.is_authenticated


@rules.predicate
def attended(user, signup):
    return (signup is not None and user.is_authenticated and signup.user_id == user.pk
            and signup.attended is True)


rules.add_perm("trainings.sign_up", is_signed_in)
rules.add_perm("trainings.manage_trainings", is_coordinator | is_partner)
rules.add_perm("trainings.change_training", is_coordinator | (is_partner & is_member_of_partner))
rules.add_perm("trainings.manage_partners", is_coordinator)
rules.add_perm("trainings.view_certificate", attended)
