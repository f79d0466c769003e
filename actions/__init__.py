"""rasa-sdk custom actions: thin adapters over faq.search and the きくみみ directory."""
