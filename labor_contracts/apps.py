from django.apps import AppConfig


class LaborContractsConfig(AppConfig):
    name = "labor_contracts"
    verbose_name = "Labor contracts"
