from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        # The unit tree's services sit below accounts and reach the policy through core.policy.
        from danvan.accounts import access
        from danvan.core import policy

        policy.install(access)
