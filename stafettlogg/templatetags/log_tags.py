from django import template

from stafettlogg.access import role_label

register = template.Library()
register.filter("role_label", role_label)
