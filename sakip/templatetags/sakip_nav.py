from django import template

from sakip.navigation import lingkup_label, nav_for, role_label

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav(context):
    request = context.get("request")
    if request is None:
        return []
    return nav_for(request.user, request.path)


@register.filter
def lingkup(user):
    return lingkup_label(user)


@register.filter
def peran(user):
    return role_label(user)
