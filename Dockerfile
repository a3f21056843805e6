# One app server of the Preventie met gezag dashboard as a container image.
#   docker build -t pmg-dashboard .
#   docker run -p 8501:8501 --env-file dashboard.env \
#       -v /etc/pmg-dashboard/secrets.toml:/run/secrets/pmg.toml:ro pmg-dashboard
# Several containers behind nginx: see the README, "Deployment" (the settings are those of
# deploy/dashboard.env; in a container the server listens on all its interfaces).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The PDF exports use the DejaVu fonts of the system.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 pmg \
    && useradd --system --uid 10001 --gid pmg --home-dir /home/pmg --create-home pmg

WORKDIR /app
# The dependencies first (a layer that changes only with pyproject.toml), then the code.
COPY pyproject.toml README.md ./
COPY lib ./lib
RUN pip install .
COPY app.py ./
COPY pages ./pages
COPY data ./data
COPY .streamlit/config.toml ./.streamlit/config.toml

USER pmg
ENV STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    STREAMLIT_SERVER_RUN_ON_SAVE=false \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    PMG_SECRETS_FILE=/run/secrets/pmg.toml \
    PMG_STORE_DIR=/home/pmg/store
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
CMD ["sh", "-c", "exec streamlit run app.py --secrets.files \"$PMG_SECRETS_FILE\""]
