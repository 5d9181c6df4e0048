from django import template

from reform_plans.charts import progress_text

register = template.Library()
register.filter("vn_progress", progress_text)
