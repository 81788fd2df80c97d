from wagtail import hooks

from stafettlogg import demo

# `manage.py load_demo` (samhandlingsmodell) asks each app for its demo data.
hooks.register("load_demo_municipality", demo.load)
