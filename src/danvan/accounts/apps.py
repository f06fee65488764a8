from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        # The unit tree's services sit below accounts and reach the policy through core.policy.
        from django.contrib.auth.signals import user_logged_in

        from danvan.accounts import access, two_factor
        from danvan.core import policy

        policy.install(access)
        # A sign-in through a page owes its second step (accounts.two_factor); connected here, explicitly.
        user_logged_in.connect(two_factor.note_sign_in, dispatch_uid="danvan.accounts.two_factor.note_sign_in")
