"""A newsroom's day: a feed grouped into stories, each story checked through
:func:`factcheck.api.check` in-process or on Ray Data, reports and a desk view written,
extraction optionally answered through a batch job (the OpenAI Batch API)."""

from factcheck.newsday.batch_api import (
    BatchJob,
    export_day,
    export_requests,
    fold_file,
    fold_results,
    run_batch_job,
)
from factcheck.newsday.cluster import ClusterSettings, cluster_feed, extend_stories
from factcheck.newsday.day import DayResult, StoryChecker, StoryOutcome, merge_cache
from factcheck.newsday.desk import DeskRow, desk_rows, render_desk_html, render_desk_markdown
from factcheck.newsday.engines import Engine, run_stories
from factcheck.newsday.feed import FeedArticle, Story, read_feed, read_stories, write_stories
from factcheck.newsday.run import check_day, load_stories

__all__ = [
    "BatchJob",
    "ClusterSettings",
    "DayResult",
    "DeskRow",
    "Engine",
    "FeedArticle",
    "Story",
    "StoryChecker",
    "StoryOutcome",
    "check_day",
    "cluster_feed",
    "desk_rows",
    "export_day",
    "export_requests",
    "extend_stories",
    "fold_file",
    "fold_results",
    "load_stories",
    "merge_cache",
    "read_feed",
    "read_stories",
    "render_desk_html",
    "render_desk_markdown",
    "run_batch_job",
    "run_stories",
    "write_stories",
]
