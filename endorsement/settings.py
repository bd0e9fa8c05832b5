"""Settings, all read from the environment (see README "Configuration").

With no environment at all this is the embedded mode: SQLite and uploads under var/,
mail written to var/mail/, Celery tasks run in-process. Production sets DATABASE_URL,
REDIS_URL, SECRET_KEY, SITE_URL (https), ALLOWED_HOSTS, mail and storage variables.
"""
from pathlib import Path
from urllib.parse import urlparse

from celery.schedules import crontab

from . import config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(config.text("VAR_DIR", str(BASE_DIR / "var")))

EMBEDDED = config.text("DATABASE_URL") is None
DEBUG = config.flag("DEBUG", False)
SECRET_KEY = config.secret_key(embedded=EMBEDDED, var_dir=VAR_DIR)
SITE_URL = config.url("SITE_URL", "http://127.0.0.1:8000", ("http", "https")).rstrip("/")
HTTPS = SITE_URL.startswith("https://")
ALLOWED_HOSTS = config.word_list(
    "ALLOWED_HOSTS", [urlparse(SITE_URL).hostname, "localhost", "127.0.0.1"]
)
CSRF_TRUSTED_ORIGINS = [SITE_URL]
ASSOCIATION_NAME = config.text(
    "ASSOCIATION_NAME", "Massachusetts Association for Infant Mental Health"
)
ASSOCIATION_SHORT_NAME = config.text("ASSOCIATION_SHORT_NAME", "MassAIMH")
RULES_EDITION = config.choice("RULES_EDITION", "massaimh-2015", config.rule_editions())

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "endorsement.apps.EndorsementConfig",
    "endorsement.credentials",
    "applicants",
    "references",
    "reviews",
    "reviews.exams",
    "endorsement.renewals",
    "reviews.payments",
    "endorsement.trainings",
    "endorsement.consultation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "endorsement.middleware.SecurityHeadersMiddleware",  # outermost: every answer has them
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",  # after sessions, before common
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "endorsement.middleware.AccountLanguageMiddleware",  # a signed-in person's own language
    "django_htmx.middleware.HtmxMiddleware",
    "endorsement.middleware.StaffTwoFactorMiddleware",
]

ROOT_URLCONF = "endorsement.urls"
WSGI_APPLICATION = "endorsement.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "endorsement.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": config.database("DATABASE_URL", VAR_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = config.url("REDIS_URL", None, ("redis", "rediss"))
if REDIS_URL:
    # Falls back to local memory while Redis is down (endorsement/cache.py).
    CACHES = {"default": {"BACKEND": "endorsement.cache.ResilientRedisCache",
                          "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Accounts (django-allauth): email is the login, verified before first sign-in.
AUTH_USER_MODEL = "endorsement.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_ADAPTER = "endorsement.accounts.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "endorsement.signup.SignupForm"  # asks for the name known by
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": config.text("LOGIN_RATE_LIMIT", "10/m/ip,5/5m/key"),
}
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# One address per account (no secondary addresses); a change waits for verification, and an
# unverified address blocks no one (endorsement/accounts.py, "no account pre-hijacking").
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_FORMS = {"signup": "endorsement.accounts.SignupForm",
                 "reset_password": "endorsement.accounts.ResetPasswordForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{ASSOCIATION_SHORT_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_TOLERANCE = 1  # accept the previous and next 30-second code (clock drift, slow typing)
MFA_TOTP_ISSUER = f"{ASSOCIATION_SHORT_NAME} Endorsement"
MFA_FORMS = {
    "authenticate": "endorsement.accounts.AuthenticateForm",
    "reauthenticate": "endorsement.accounts.ReauthenticateForm",
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail: SMTP when EMAIL_HOST is set, otherwise one file per message under MAIL_DIR.
DEFAULT_FROM_EMAIL = config.text(
    "DEFAULT_FROM_EMAIL", f"{ASSOCIATION_SHORT_NAME} Endorsement <endorsement@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = config.text("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = config.integer("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = config.text("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = config.text("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = config.flag("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = config.text("MAIL_DIR", str(VAR_DIR / "mail"))

# Files: uploads are private. S3-compatible storage when AWS_STORAGE_BUCKET_NAME is set.
MEDIA_ROOT = Path(config.text("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"  # uploads are only served through permission-checked views
UPLOAD_MAX_BYTES = config.integer("UPLOAD_MAX_MB", 10, minimum=1) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
AWS_STORAGE_BUCKET_NAME = config.text("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": config.text("AWS_S3_ENDPOINT_URL"),
            "region_name": config.text("AWS_S3_REGION_NAME"),
            "access_key": config.text("AWS_ACCESS_KEY_ID"),
            "secret_key": config.text("AWS_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
if DEBUG:
    STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG

# Celery: a real broker with REDIS_URL; otherwise tasks run in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
# Redis down must not hold a request: sending a task gives up within about a second (the
# email stays in the outbox and the sweeper sends it later).
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = "America/New_York"
CELERY_BEAT_SCHEDULE = {
    "send-queued-mail": {"task": "endorsement.tasks.send_queued_mail", "schedule": 300.0},
    "remind-raters": {"task": "references.tasks.send_reference_reminders",
                      "schedule": crontab(minute=15, hour="*/2")},
}

# Security: cookies and HSTS follow SITE_URL's scheme.
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and config.flag("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = config.integer("SECURE_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
BEHIND_PROXY = config.flag("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The visitor's real address (rate limits key on it): see endorsement/clientip.py.
TRUSTED_PROXY_COUNT = config.proxy_count("TRUSTED_PROXY_COUNT", BEHIND_PROXY)
CLIENT_IP_HEADER = config.header_name("CLIENT_IP_HEADER", "X-Forwarded-For")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# English and Spanish. A browser asking for any es-* gets Spanish, anything else English
# (Django picks the generic "es" for "es-MX"; an unknown code in a cookie is ignored).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = HTTPS
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True
# Named date formats per language (English keeps "December 3, 2026"; Spanish gets
# "3 de diciembre de 2026"): templates use |date:"DATE_FORMAT" / "SHORT_DATE_FORMAT".
FORMAT_MODULE_PATH = ["endorsement.formats"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": config.text("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "celery.app.trace": {"level": "WARNING"},
    },
}

# references: rater links and reminders (owned by the references app).
REFERENCE_LINK_DAYS = config.integer("REFERENCE_LINK_DAYS", 30, minimum=1)
# Remind raters this many days after the link was sent.
REFERENCE_REMINDER_DAYS = config.integers("REFERENCE_REMINDER_DAYS", (7, 14), minimum=1)
REFERENCE_FLAG_NOT_ENOUGH_INFO = 6  # a rating with this many "not enough information" is flagged
COORDINATOR_EMAIL = config.text("COORDINATOR_EMAIL", "")  # also told of declines and expiries

# reviews: reviewer reviews needed before a decision; how long a new Endorsement® is valid
# ("dec31": through the next December 31; or a number of whole years, e.g. "1").
REVIEWS_REQUIRED = config.integer("REVIEWS_REQUIRED", 2, minimum=1)
ENDORSEMENT_VALID_THROUGH = config.text("ENDORSEMENT_VALID_THROUGH", "dec31")

# applicants
# Files kept for forms that were never saved again are removed after two days.
CELERY_BEAT_SCHEDULE["applicants-purge-pending-uploads"] = {
    "task": "applicants.tasks.purge_pending_uploads", "schedule": crontab(minute=40, hour=3),
}

# reviews.exams: accommodations must be asked for this many days before a sitting.
EXAM_ACCOMMODATION_DAYS = config.integer("EXAM_ACCOMMODATION_DAYS", 14, minimum=0)
# credentials: certificates, public verification, the registry (owned by endorsement.credentials).
ASSOCIATION_LOGO = config.text("ASSOCIATION_LOGO", str(BASE_DIR / "static" / "img" /
                                                       "association-logo.svg"))
# Verification look-ups allowed per client address per minute (then a polite 429).
VERIFY_RATE_PER_MINUTE = config.integer("VERIFY_RATE_PER_MINUTE", 30, minimum=1)
REGISTRY_PAGE_SIZE = 25
LOGGING["loggers"]["weasyprint"] = {"level": "WARNING"}
LOGGING["loggers"]["fontTools"] = {"level": "WARNING"}
# Renewal reminders go out this many days before an Endorsement®'s valid-through date.
RENEWAL_REMINDER_DAYS = config.integers("RENEWAL_REMINDER_DAYS", (60, 30, 7), minimum=1)
CELERY_BEAT_SCHEDULE["credentials-renewal-reminders"] = {
    "task": "endorsement.credentials.tasks.send_renewal_reminders",
    "schedule": crontab(minute=30, hour=7),
}
# An Endorsement® not renewed lapses this many days after its valid-through date.
RENEWAL_GRACE_DAYS = config.integer("RENEWAL_GRACE_DAYS", 30, minimum=0)
CELERY_BEAT_SCHEDULE["credentials-lapse-overdue"] = {
    "task": "endorsement.credentials.tasks.lapse_overdue",
    "schedule": crontab(minute=45, hour=0),
}
CELERY_BEAT_SCHEDULE["credentials-remake-missing-certificates"] = {
    "task": "endorsement.credentials.tasks.remake_missing_certificates",
    "schedule": crontab(minute=20),
}
CELERY_BEAT_SCHEDULE["applicants-purge-saved-form-tokens"] = {
    "task": "applicants.tasks.purge_saved_form_tokens", "schedule": crontab(minute=50, hour=3),
}

# Renewal online (issue 9): the window opens RENEWAL_WINDOW_DAYS before the due date (91: October
# 1 for a December 31 due date); one fee for every Endorsement® renewed together, plus the late
# fee after the due date (amounts in dollars, recorded on the renewal).
RENEWAL_WINDOW_DAYS = config.integer("RENEWAL_WINDOW_DAYS", 91, minimum=1)
RENEWAL_FEE = config.integer("RENEWAL_FEE", 50)
RENEWAL_LATE_FEE = config.integer("RENEWAL_LATE_FEE", 25)
RENEWAL_QUEUE_PAGE_SIZE = 50
# Reminders everyone needs (issue 9), each sent once; 0 turns one off.
APPLICANT_DRAFT_REMINDER_DAYS = config.integer("APPLICANT_DRAFT_REMINDER_DAYS", 30)
APPLICANT_RESUBMIT_REMINDER_DAYS = config.integer("APPLICANT_RESUBMIT_REMINDER_DAYS", 30)
REVIEW_REMINDER_DAYS = config.integer("REVIEW_REMINDER_DAYS", 21)
EXAM_REMINDER_DAYS = config.integer("EXAM_REMINDER_DAYS", 7)
CELERY_BEAT_SCHEDULE["applicants-reminders"] = {
    "task": "applicants.tasks.send_applicant_reminders", "schedule": crontab(minute=0, hour=8),
}
CELERY_BEAT_SCHEDULE["reviews-reminders"] = {
    "task": "reviews.tasks.send_review_and_exam_reminders",
    "schedule": crontab(minute=10, hour=8),
}
# Funder reports (issue 10): the grant's target number of endorsed professionals.
REPORT_ENDORSED_TARGET = config.integer("REPORT_ENDORSED_TARGET", 500, minimum=1)
# The reports page's figures are computed at most this often per period (0: every visit).
REPORT_CACHE_SECONDS = config.integer("REPORT_CACHE_SECONDS", 300, minimum=0)
if REPORT_CACHE_SECONDS:
    # The opening (all-time) figures are computed by the beat, so no coordinator waits for them.
    CELERY_BEAT_SCHEDULE["reviews-refresh-report-figures"] = {
        "task": "reviews.tasks.refresh_report_figures",
        "schedule": REPORT_CACHE_SECONDS,
    }
# people: staff invitations and personal data (owned by endorsement.people).
INVITATION_DAYS = config.integer("INVITATION_DAYS", 14, minimum=1)
# Drafts and withdrawn applications untouched this long are erased (0: never).
RETENTION_ABANDONED_DAYS = config.integer("RETENTION_ABANDONED_DAYS", 3 * 365, minimum=0)
CELERY_BEAT_SCHEDULE["people-erase-abandoned"] = {
    "task": "endorsement.tasks.erase_abandoned", "schedule": crontab(minute=10, hour=4),
}

# Training calendar (issue 16, endorsement.trainings): the day-before reminder runs each
# morning; a list page holds this many trainings.
TRAININGS_PAGE_SIZE = config.integer("TRAININGS_PAGE_SIZE", 20, minimum=1)
CELERY_BEAT_SCHEDULE["trainings-day-before-reminders"] = {
    "task": "endorsement.trainings.tasks.send_training_reminders",
    "schedule": crontab(minute=30, hour=8),
}
# Benchmarks (issue 14, endorsement/bench/): BENCH=true adds a trivial view to compare with and
# Server-Timing headers (time, SQL queries and their time). Only `make bench` and `make load`
# set it; never in production.
BENCH = config.flag("BENCH", False)
if BENCH:
    MIDDLEWARE.insert(0, "endorsement.bench.timing.ServerTimingMiddleware")
    ROOT_URLCONF = "endorsement.bench.urls"
