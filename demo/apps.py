from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo newsroom and campaign desk that `make run` loads (`manage.py seed_demo`).

    It sits above every other app and nothing imports it: leaving it out of INSTALLED_APPS
    leaves a site with no demo content and no way to seed it.
    """

    name = "demo"
    verbose_name = "Demo"
